import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { PaperBanner } from '@/components/layout/paper-banner';
import { getEnv } from '@/lib/server/env';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Kraken Desk', template: '%s · Kraken Desk' },
  description: 'Team dashboard for the Kraken exchange',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b0e14' };

/** Applies the remembered theme before paint so a light-theme user never sees a dark flash. */
const themeScript = `try{var t=localStorage.getItem('kd-theme');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts sets a fresh CSP nonce per request; inline scripts run only with it.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" data-theme="dark" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-bg font-sans text-text antialiased">
        <PaperBanner paper={getEnv().DESK_MODE === 'paper'} />
        {children}
      </body>
    </html>
  );
}
