// Applies the saved theme before the first paint (loaded by index.html as a classic, blocking
// script; no inline script under CSP script-src 'self'). Keep the key in step with src/theme/theme.ts.
;(function () {
  var theme = 'auto'
  try {
    var saved = localStorage.getItem('webmon.theme')
    if (saved === 'light' || saved === 'dark') theme = saved
  } catch {
    // storage blocked: follow the system
  }
  document.documentElement.setAttribute('data-theme', theme)
})()
