import type { WebModule } from '../../../web/module-types.ts';
import { AttendancePage } from './AttendancePage.tsx';
import { CalendarPage } from './CalendarPage.tsx';
import { DeskPage } from './DeskPage.tsx';
import { EventPage } from './EventPage.tsx';
import { FiguresPage } from './FiguresPage.tsx';
import { InitiativePage } from './InitiativePage.tsx';
import { InitiativesPage } from './InitiativesPage.tsx';
import en from './i18n/en.json';
import it from './i18n/it.json';
import './initiatives.css';
import { MyRegistrationsPage } from './MyRegistrationsPage.tsx';
import { NeighbourhoodEvents } from './NeighbourhoodEvents.tsx';

/**
 * Community life: the initiatives of the hubs and their events, the public calendar with its
 * iCalendar feed, registering (and the waiting line), a person's registrations, the hubs' desk
 * (initiatives, events, attendance on a phone) and the figures.
 */
export const initiativesWeb: WebModule = {
  name: 'initiatives',
  routes: [
    { path: 'iniziative', element: <InitiativesPage /> },
    { path: 'iniziative/numeri', element: <FiguresPage /> },
    { path: 'iniziative/:slug', element: <InitiativePage /> },
    { path: 'calendario', element: <CalendarPage /> },
    { path: 'eventi/:id', element: <EventPage /> },
    { path: 'le-mie-iscrizioni', element: <MyRegistrationsPage /> },
    { path: 'sportello/iniziative', element: <DeskPage /> },
    { path: 'sportello/eventi/:id/presenze', element: <AttendancePage /> },
  ],
  neighbourhoodSections: [{ id: 'initiatives', order: 30, Component: NeighbourhoodEvents }],
  messages: { it, en },
};
