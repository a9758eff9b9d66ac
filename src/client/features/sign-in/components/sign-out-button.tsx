import { useQueryClient } from '@tanstack/react-query';
import { LogOut } from 'lucide-react';
import { Button } from '../../../components/ui/button.tsx';
import { sessionQueryKey, signOut, type SessionState } from '../api/session.ts';

/** "Sign out" in the header, shown only when the studio needs an access token. */
export function SignOutButton() {
  const queryClient = useQueryClient();
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={async () => {
        await signOut().catch(() => undefined);
        // Forget everything loaded while signed in; the sign-in page replaces the studio.
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
        queryClient.setQueryData<SessionState>(sessionQueryKey, { accessControl: true, signedIn: false });
      }}
    >
      <LogOut size={14} aria-hidden />
      Sign out
    </Button>
  );
}
