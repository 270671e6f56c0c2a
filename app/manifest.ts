import type { MetadataRoute } from 'next';

/** Lets a phone add the app to its home screen with its own name and icon. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Tingshuo 听说',
    short_name: 'Tingshuo',
    description: 'Learn Mandarin by listening and speaking.',
    start_url: '/',
    display: 'standalone',
    background_color: '#fbfaf7',
    theme_color: '#b3261e',
    icons: [
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
    ],
  };
}
