'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { UtteranceCapture, type CaptureState } from '@/lib/speak/utterance-capture';
import type { Recording } from '@/lib/speak/wav';

export type RecorderState = 'idle' | CaptureState | 'denied';

// ScriptProcessorNode: deprecated, but everywhere and enough for one phrase of mono samples;
// an AudioWorklet would need a separately served module for the same result.
const BUFFER_LENGTH = 2048;

/**
 * Records one utterance from the microphone in the browser (nothing is uploaded): waits for a
 * quiet moment, starts at the voice, stops at the pause after it or when `stop` is called.
 */
export function useUtteranceRecorder(onRecorded: (recording: Recording | null) => void) {
  const [state, setState] = useState<RecorderState>('idle');
  const release = useRef<(() => void) | null>(null);
  const capture = useRef<UtteranceCapture | null>(null);

  const finish = useCallback(() => {
    release.current?.();
    release.current = null;
    const recording = capture.current?.recording() ?? null;
    capture.current = null;
    setState('idle');
    onRecorded(recording);
  }, [onRecorded]);

  const start = useCallback(async () => {
    let stream: MediaStream;
    try {
      // The raw voice: echo cancelling and gain riding bend the pitch contour being judged.
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
    } catch {
      setState('denied');
      return;
    }
    const context = new AudioContext();
    const source = context.createMediaStreamSource(stream);
    const processor = context.createScriptProcessor(BUFFER_LENGTH, 1, 1);
    const current = new UtteranceCapture(context.sampleRate);
    capture.current = current;
    release.current = () => {
      processor.onaudioprocess = null;
      source.disconnect();
      processor.disconnect();
      stream.getTracks().forEach((track) => track.stop());
      void context.close();
    };
    let shown: CaptureState = current.state;
    setState(shown);
    processor.onaudioprocess = (event) => {
      const next = current.push(event.inputBuffer.getChannelData(0));
      if (next === shown) return;
      shown = next;
      if (next === 'done') finish();
      else setState(next);
    };
    source.connect(processor);
    processor.connect(context.destination);
  }, [finish]);

  const stop = useCallback(() => {
    capture.current?.finish();
    finish();
  }, [finish]);

  // Closing the panel mid-recording frees the microphone.
  useEffect(() => () => release.current?.(), []);

  return { state, start, stop };
}
