import { logOut } from '../actions';
import styles from './admin.module.css';

/** A plain form posting the logout action: it works before the dashboard's JavaScript has run. */
export function LogoutButton({ csrfToken }: { csrfToken: string }) {
  return (
    <form action={logOut}>
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <button type="submit" className={styles.button}>
        Log out
      </button>
    </form>
  );
}
