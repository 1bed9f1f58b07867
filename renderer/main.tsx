import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { lockDown } from './app/lockdown.ts';
import './fonts/fonts.css';
import './styles.css';

lockDown();
createRoot(document.getElementById('root')!).render(<App />);
