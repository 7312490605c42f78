import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

/** The login page. */
export default function LoginPage() {
  return (
    <main className="login">
      <h1>Onset</h1>
      <p className="muted">Log in with your email and password (on a new install: the admin login printed when Onset started).</p>
      <LoginForm />
    </main>
  );
}
