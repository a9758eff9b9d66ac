import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { Toaster } from '../components/ui/toaster.tsx';
import { SignOutButton } from '../features/sign-in/components/sign-out-button.tsx';
import { useSession } from '../features/sign-in/hooks/use-session.ts';
import { SpendMeter } from '../features/spend/components/spend-meter.tsx';
import { AppProviders } from './app-providers.tsx';
import { CatalogGate } from './catalog-gate.tsx';
import { ProviderStatus } from './provider-status.tsx';
import { APP_ROUTES } from './app-routes.tsx';
import { useLiveEvents } from './use-live-events.ts';

/** Only a studio with an access token shows it: its code loads then. */
const SignInPage = lazy(() => import('../features/sign-in/components/sign-in-page.tsx').then((module) => ({ default: module.SignInPage })));

function Logo() {
  return (
    <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden>
      <rect width="32" height="32" rx="8" fill="#facc15" />
      <path d="M9 21c6 3 13 0 15-8 .3-1.3-.9-1.9-1.6-.9C19.6 16 15 18.5 9.8 18.4c-1.5 0-2.2 2-.8 2.6Z" fill="#18181b" />
    </svg>
  );
}

/** The views in the header, as links; the current one is marked for assistive technology. */
function AppNavigation() {
  const [location] = useLocation();
  return (
    <nav aria-label="Views" className="flex items-center gap-1">
      {APP_ROUTES.map((route) => {
        const current = route.path === '/' ? location === '/' : location.startsWith(route.path);
        return (
          <Link
            key={route.path}
            href={route.path}
            aria-current={current ? 'page' : undefined}
            className={`rounded px-2 py-1 text-[12.5px] font-medium ${current ? 'bg-zinc-800 text-white' : 'text-zinc-400 hover:text-white'}`}
          >
            {route.label}
          </Link>
        );
      })}
    </nav>
  );
}

function Shell({ signOut, focusTitle }: { signOut: boolean; focusTitle: boolean }) {
  useLiveEvents();
  const titleRef = useRef<HTMLHeadingElement>(null);
  // Just signed in: the sign-in form is gone, so focus moves to the studio's title rather than the page body.
  useEffect(() => {
    if (focusTitle) titleRef.current?.focus();
  }, [focusTitle]);
  return (
    // The shell is exactly the viewport: the document never scrolls, each panel scrolls inside itself.
    <div className="flex h-dvh min-h-0 flex-col overflow-hidden">
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-line bg-panel px-4 max-md:gap-2 max-md:px-3">
        <Logo />
        <h1 ref={titleRef} tabIndex={-1} className="text-[14px] font-semibold tracking-tight text-white max-md:sr-only">
          Banana Studio
        </h1>
        <div className="min-w-0 overflow-x-auto">
          <AppNavigation />
        </div>
        <div className="ml-auto flex shrink-0 items-center gap-2">
          <SpendMeter />
          <ProviderStatus />
          {signOut ? <SignOutButton /> : null}
        </div>
      </header>
      <Suspense
        fallback={
          <div role="status" className="p-6 text-[13px] text-zinc-400">
            Loading…
          </div>
        }
      >
        <CatalogGate>
          <Switch>
            {APP_ROUTES.map((route) => (
              <Route key={route.path} path={route.path} nest={route.path !== '/'} component={route.component} />
            ))}
            <Route>
              {() => (
                <p className="p-6 text-[13px] text-zinc-400">
                  There is no such page.{' '}
                  <Link href="/" className="text-accent underline">
                    Back to the studio
                  </Link>
                </p>
              )}
            </Route>
          </Switch>
        </CatalogGate>
      </Suspense>
      <Toaster />
    </div>
  );
}

/** The sign-in page when the server needs an access token this browser has not given, else the studio. */
function AccessGate() {
  const session = useSession();
  const [showedSignIn, setShowedSignIn] = useState(false);
  if (session.isPending)
    return (
      <div role="status" className="p-6 text-[13px] text-zinc-400">
        Loading…
      </div>
    );
  // Without an answer (server unreachable) show the studio: its own requests say what is wrong.
  const state = session.data ?? { accessControl: false, signedIn: true };
  if (state.accessControl && !state.signedIn) {
    if (!showedSignIn) setShowedSignIn(true);
    return (
      <Suspense
        fallback={
          <div role="status" className="p-6 text-[13px] text-zinc-400">
            Loading…
          </div>
        }
      >
        <SignInPage />
      </Suspense>
    );
  }
  return <Shell signOut={state.accessControl} focusTitle={showedSignIn} />;
}

/**
 * The studio's shell: header with the views (Studio, and the lazily loaded others), spend, provider status and
 * sign-out (when a token is needed); the current view below; live events for the whole studio. The sign-in page
 * comes first when the server needs an access token.
 */
export function App() {
  return (
    <AppProviders>
      <AccessGate />
    </AppProviders>
  );
}
