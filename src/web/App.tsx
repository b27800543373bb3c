import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './layout/Layout.tsx';
import { webModules } from './modules.ts';
import { NotFound } from './pages/NotFound.tsx';
import { ServerError } from './pages/ServerError.tsx';
import { AccessibilityPage, PrivacyPage } from './pages/TextPage.tsx';

const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    errorElement: <ServerError />,
    children: [
      ...webModules.flatMap((m) => m.routes),
      { path: 'accessibilita', element: <AccessibilityPage /> },
      { path: 'privacy', element: <PrivacyPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
