/**
 * Keeps the band where a speaking voice's fundamental lies (about 50-500 Hz). MPM judges how well
 * a frame repeats itself; the formants above (an "a" is loud near 900 Hz) and hum or DC below make
 * it pick a wrong lag or report poor clarity. A one-pole high-pass, then two Butterworth low-pass
 * sections (24 dB per octave).
 */
export function voiceBandFilter(samples: Float32Array, sampleRate: number): Float32Array {
  return lowPass(lowPass(highPass(samples, sampleRate, 50), sampleRate, 500), sampleRate, 500);
}

function highPass(samples: Float32Array, sampleRate: number, cutoffHz: number): Float32Array {
  const decay = Math.exp((-2 * Math.PI * cutoffHz) / sampleRate);
  const output = new Float32Array(samples.length);
  let previousInput = 0;
  let previousOutput = 0;
  for (let index = 0; index < samples.length; index++) {
    const input = samples[index] ?? 0;
    previousOutput = decay * (previousOutput + input - previousInput);
    previousInput = input;
    output[index] = previousOutput;
  }
  return output;
}

/** A second-order Butterworth low-pass (the RBJ audio-EQ-cookbook biquad, Q = 1/√2). */
function lowPass(samples: Float32Array, sampleRate: number, cutoffHz: number): Float32Array {
  const omega = (2 * Math.PI * cutoffHz) / sampleRate;
  const alpha = Math.sin(omega) / (2 * Math.SQRT1_2);
  const cosine = Math.cos(omega);
  const a0 = 1 + alpha;
  const b0 = (1 - cosine) / 2 / a0;
  const b1 = (1 - cosine) / a0;
  const a1 = (-2 * cosine) / a0;
  const a2 = (1 - alpha) / a0;
  const output = new Float32Array(samples.length);
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let index = 0; index < samples.length; index++) {
    const x0 = samples[index] ?? 0;
    const y0 = b0 * x0 + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x0;
    y2 = y1;
    y1 = y0;
    output[index] = y0;
  }
  return output;
}
