// Follows a background job on its page: asks for its state every second and a half and
// updates the progress bar; reloads once it finishes. Without JavaScript the page has a
// "Check progress" link instead (a timed refresh would fail WCAG 2.2.1).
const panel = document.querySelector("[data-job-progress]");

async function poll() {
  const response = await fetch(panel.dataset.jobProgress, { headers: { Accept: "application/json" } });
  if (!response.ok) return;
  const state = await response.json();
  if (state.finished) {
    window.location.reload();
    return;
  }
  const bar = panel.querySelector("progress");
  if (state.total) {
    bar.max = state.total;
    bar.value = state.done;
  }
  panel.querySelector("[data-job-text]").textContent = state.text;
  panel.querySelector("[data-job-stage]").textContent = state.stage;
  window.setTimeout(poll, 1500);
}

if (panel) {
  window.setTimeout(poll, 1500);
}
