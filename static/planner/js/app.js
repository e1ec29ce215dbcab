// Project JavaScript. Loaded on every page by templates/base.html; no inline scripts (CSP).
"use strict";

// Move focus to <main> after a skip-link jump so screen readers continue from there.
document.addEventListener("DOMContentLoaded", function () {
  var skip = document.querySelector(".skip-link");
  var main = document.getElementById("main");
  if (skip && main) {
    skip.addEventListener("click", function () {
      main.focus();
    });
  }
});
