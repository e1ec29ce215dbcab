// Behaviour shared by the planner's pages. Loaded from static/ (CSP: no inline scripts).
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary so keyboard and screen-reader users hear the problems
  // first; each item links to its field.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  // Print buttons (the crisis resources): a button with data-print prints the page, whose print
  // styles hide navigation and forms.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
});
