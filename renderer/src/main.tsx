import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickLocale, translate } from '../../shared/i18n/translate';
import { App } from './app';
import { getApi } from './bridge/get-api';
import './styles.css';
import { applyTheme, cachedTheme } from './theme';

applyTheme(cachedTheme());
const root = createRoot(document.getElementById('root') as HTMLElement);
const api = getApi();
if (api) {
  root.render(
    <StrictMode>
      <App api={api} />
    </StrictMode>,
  );
} else {
  root.render(<p role="alert">{translate(pickLocale(navigator.languages), 'error.unauthorized')}</p>);
}
