import { InviteForm } from "./invite-form";

export const dynamic = "force-dynamic";

/** Where an invite link lands (`/invite#<token>`): join the project with a new or existing account. */
export default function InvitePage() {
  return (
    <main className="login">
      <h1>Onset</h1>
      <InviteForm />
    </main>
  );
}
