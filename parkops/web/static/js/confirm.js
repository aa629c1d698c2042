// Asks before a form with data-confirm="…" is submitted (publish, delete…). A file of our own
// instead of an inline onsubmit: the Content-Security-Policy allows no inline script.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
