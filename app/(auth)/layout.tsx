export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm rounded-2xl bg-white p-8 shadow-lg ring-1 ring-slate-200">
        <p className="mb-6 text-center text-2xl font-bold text-brand-600">Cairo Chat</p>
        {children}
      </div>
    </main>
  );
}
