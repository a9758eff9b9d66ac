import { LogOut } from 'lucide-react';
import { Button } from '../../../components/ui/button.tsx';
import { useSignOut } from '../api/session.ts';

/** "Sign out" in the header, shown only when the studio needs an access token. */
export function SignOutButton() {
  const signOut = useSignOut();
  return (
    <Button
      variant="ghost"
      size="sm"
      // Forgets everything loaded while signed in; the sign-in page replaces the studio.
      onClick={() => signOut.mutate()}
    >
      <LogOut size={14} aria-hidden />
      Sign out
    </Button>
  );
}
