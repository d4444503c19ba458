// Triage pages: after a form comes back with errors, move focus to the error summary, so that keyboard and
// screen-reader users start where the problems are listed (without JavaScript the summary is simply first).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("foutmeldingen");
  if (summary) {
    summary.focus();
  }
});
