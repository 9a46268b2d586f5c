// The dashboard's entry: mounts the app.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { savedToken, saveToken } from './api';
import './styles.css';

// The token of this tab, back in the cookie the event streams carry (another tab may have set another one).
const token = savedToken();
if (token) saveToken(token);

createRoot(document.getElementById('root')!).render(<App />);
