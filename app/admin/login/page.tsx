import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { appAdmin } from '@/lib/server/admin';
import styles from '../_components/admin.module.css';
import { currentAdminSession } from '../_lib/admin-session';
import { LoginForm } from './LoginForm';

export const metadata: Metadata = { title: 'Admin login', robots: { index: false } };

export default async function AdminLoginPage() {
  if (await currentAdminSession()) redirect('/admin');
  const configured = appAdmin().auth.configured;
  return (
    <div className={styles.login}>
      <h1>Admin login</h1>
      {configured ? (
        <LoginForm />
      ) : (
        <section aria-labelledby="setup-heading" className={styles.panel}>
          <h2 id="setup-heading">No admin credential is configured yet</h2>
          <p>There is no default password. Pick one of these, then restart the app:</p>
          <ol>
            <li>
              A long random token: put{' '}
              <code className={styles.code}>ADMIN_TOKEN=&lt;at least 24 random characters&gt;</code>{' '}
              in <code className={styles.code}>.env.local</code> (for example the output of{' '}
              <code className={styles.code}>openssl rand -base64 32</code>), and log in with that
              token.
            </li>
            <li>
              A password: run <code className={styles.code}>npm run admin:hash</code>, type the
              password (at least 12 characters), and put the printed line in{' '}
              <code className={styles.code}>.env.local</code> as{' '}
              <code className={styles.code}>ADMIN_PASSWORD_HASH=scrypt:…</code>.
            </li>
          </ol>
          <p className={styles.muted}>
            In production the app refuses to start until one of them is set.
          </p>
        </section>
      )}
    </div>
  );
}
