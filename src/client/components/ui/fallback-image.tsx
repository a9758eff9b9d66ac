import { useState, type ImgHTMLAttributes } from 'react';
import { ImageIcon } from 'lucide-react';
import clsx from 'clsx';

/** An image that shows a quiet placeholder (with the alt text for screen readers) when it cannot load. */
export function FallbackImage({ src, alt, className, ...rest }: ImgHTMLAttributes<HTMLImageElement> & { alt: string }) {
  const [failedSource, setFailedSource] = useState<string | null>(null);
  if (!src || failedSource === src) {
    return (
      <span
        role="img"
        aria-label={alt}
        title="No preview stored in this browser"
        className={clsx('flex items-center justify-center bg-zinc-800/70 text-zinc-500', className)}
      >
        <ImageIcon size={16} aria-hidden />
      </span>
    );
  }
  return <img src={src} alt={alt} className={className} onError={() => setFailedSource(src)} {...rest} />;
}
