// Starts the app. A file of its own, not an inline <script>, so that the Content-Security-Policy
// needs no 'unsafe-inline' for scripts. Absolute paths: the server answers every unknown path
// (/units/3 …) with index.html.
import init from '/frontend.js';
init({ module_or_path: '/frontend_bg.wasm' });
