import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfirmDialog } from '../../app/admin/_components/ConfirmDialog';

/** The admin's confirmation dialog under React StrictMode, as `npm run dev` renders it. */
function Harness() {
  const [open, setOpen] = useState(false);
  const [closes, setCloses] = useState(0);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <output aria-label="closes">{closes}</output>
      {open && (
        <ConfirmDialog
          title="Invalidate tts?"
          confirmLabel="Invalidate"
          busy={false}
          onConfirm={() => setOpen(false)}
          onClose={() => {
            setCloses((count) => count + 1);
            setOpen(false);
          }}
        >
          <p>Every cached entry of the namespace is dropped.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
