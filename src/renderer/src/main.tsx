// Renderer entry: mounts the Solid application into #root and loads the global styles.
// Owns nothing else: the shell lives in App.tsx, the views in views/, host access in host.ts.

import { render } from 'solid-js/web';
import App from './App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('renderer: #root element is missing from index.html');
render(() => <App />, root);
