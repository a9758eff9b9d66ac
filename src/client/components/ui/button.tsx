import { forwardRef, type ButtonHTMLAttributes } from 'react';
import clsx from 'clsx';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';
type Size = 'sm' | 'md' | 'lg' | 'icon';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
}

const variants: Record<Variant, string> = {
  primary: 'bg-accent text-zinc-950 hover:bg-accent-strong disabled:bg-zinc-700 disabled:text-zinc-400',
  secondary: 'border border-line-strong bg-raised text-zinc-200 hover:bg-zinc-800 hover:text-white',
  ghost: 'text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100',
  danger: 'border border-red-500/40 bg-red-500/10 text-red-300 hover:bg-red-500/20',
};
const sizes: Record<Size, string> = {
  sm: 'h-7 gap-1.5 px-2.5 text-[12px]',
  md: 'h-8 gap-2 px-3 text-[12.5px]',
  lg: 'h-10 gap-2 px-4 text-[13.5px]',
  icon: 'h-7 w-7 justify-center',
};

/** The studio's button, with a visible focus ring. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', size = 'md', className, type = 'button', ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={clsx(
        'inline-flex shrink-0 items-center rounded-md font-medium transition-colors disabled:cursor-not-allowed ' +
          'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent',
        variants[variant],
        sizes[size],
        className,
      )}
      {...rest}
    />
  );
});
