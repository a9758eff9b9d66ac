import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { KeyRound, Loader2 } from 'lucide-react';
import { Button } from '../../../components/ui/button.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useSignIn } from '../api/session.ts';

/**
 * The page shown instead of the studio when the server asks for an access
 * token and this browser has not signed in: one password field and a button,
 * the server's message when the token is wrong or too many were tried. On
 * success every query is fetched again, now signed in.
 */
export function SignInPage() {
  const { mutateAsync: signIn } = useSignIn();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldRef = useRef<HTMLInputElement>(null);
  useEffect(() => fieldRef.current?.focus(), []);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!token.trim()) {
      setError('Enter the access token.');
      fieldRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(token.trim());
      setToken('');
    } catch (cause) {
      setError(
        cause instanceof ApiError && cause.code === 'unauthorized'
          ? 'That access token is not right. Check it with whoever runs this studio and try again.'
          : cause instanceof Error
            ? cause.message
            : 'Signing in failed; try again.',
      );
      fieldRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="flex h-full items-center justify-center bg-surface p-6">
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby="sign-in-title"
        className="w-full max-w-sm rounded-xl border border-line bg-panel p-6 shadow-2xl"
      >
        <div className="mb-5 flex items-center gap-3">
          <span className="flex h-9 w-9 items-center justify-center rounded-lg bg-accent text-zinc-950" aria-hidden>
            <KeyRound size={18} />
          </span>
          <div>
            <h1 id="sign-in-title" className="text-[15px] font-semibold tracking-tight text-white">
              Sign in to Banana Studio
            </h1>
            <p className="text-[12.5px] text-zinc-400">This studio is shared on the network and needs its access token.</p>
          </div>
        </div>
        <label htmlFor="access-token" className="mb-1.5 block text-[12.5px] font-medium text-zinc-300">
          Access token
        </label>
        <input
          id="access-token"
          ref={fieldRef}
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? 'sign-in-error' : 'sign-in-hint'}
          className={
            'h-9 w-full rounded-md border border-line-strong bg-raised px-3 text-[13px] text-zinc-100 ' +
            'placeholder:text-zinc-500 focus-visible:outline-2 focus-visible:outline-accent'
          }
        />
        {error ? (
          <p id="sign-in-error" role="alert" className="mt-2 text-[12.5px] text-red-300">
            {error}
          </p>
        ) : (
          <p id="sign-in-hint" className="mt-2 text-[12px] text-zinc-500">
            Ask whoever runs this studio for the token. You stay signed in on this browser.
          </p>
        )}
        <Button type="submit" variant="primary" size="lg" disabled={busy} className="mt-5 w-full justify-center">
          {busy ? <Loader2 size={16} className="animate-spin" aria-hidden /> : null}
          Sign in
        </Button>
      </form>
    </main>
  );
}
