import { HomePage } from './home/HomePage';
import { useRoute } from './router';
import { ClearNoticeOnRoute } from './ui/ClearNoticeOnRoute';
import { NotifierProvider } from './ui/Notifier';
import { WorkbookPage } from './workbook/WorkbookPage';

export function App() {
  const route = useRoute();
  return (
    <NotifierProvider>
      <ClearNoticeOnRoute route={route} />
      {route.name === 'workbook' ? <WorkbookPage key={route.path} path={route.path} tableId={route.table} /> : <HomePage />}
    </NotifierProvider>
  );
}
