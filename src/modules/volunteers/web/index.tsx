import type { WebModule } from '../../../web/module-types.ts';
import { AssignAllPage } from './AssignAllPage.tsx';
import { VolunteerDeskPage, VolunteersDeskPage } from './DeskPages.tsx';
import en from './i18n/en.json';
import it from './i18n/it.json';
import { ProfilePage } from './ProfilePage.tsx';
import { TasksPage } from './TasksPage.tsx';
import { VolunteerPage } from './VolunteerPage.tsx';
import './volunteers.css';

export { VolunteerPanel } from './VolunteerPanel.tsx';

/**
 * Volunteers: what volunteering is and the sign-up, a volunteer's profile and tasks; the desk's
 * list of volunteers with their figures, and "assign all" in an emergency. The "Volontari" panel
 * of the request page is exported for the help-requests console.
 */
export const volunteersWeb: WebModule = {
  name: 'volunteers',
  routes: [
    { path: 'volontariato', element: <VolunteerPage /> },
    { path: 'volontariato/profilo', element: <ProfilePage /> },
    { path: 'volontariato/compiti', element: <TasksPage /> },
    { path: 'sportello/volontari', element: <VolunteersDeskPage /> },
    { path: 'sportello/volontari/:userId', element: <VolunteerDeskPage /> },
    { path: 'sportello/assegna-tutti', element: <AssignAllPage /> },
  ],
  messages: { it, en },
};
