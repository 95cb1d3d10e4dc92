// Entry point of the display app (index.html loads this).
import './app.js';
