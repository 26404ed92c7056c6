import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Kraken Desk', template: '%s · Kraken Desk' },
  description: 'Team dashboard for the Kraken exchange',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b0e14' };

/** Applies the remembered theme before paint so a light-theme user never sees a dark flash. */
const themeScript = `try{var t=localStorage.getItem('kd-theme');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" data-theme="dark" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-bg font-sans text-text antialiased">{children}</body>
    </html>
  );
}
