// Loaded in <head> (tiny, cached) so the "js" class is set before first paint: no layout shift.
document.documentElement.classList.replace("no-js", "js");

document.addEventListener("DOMContentLoaded", function () {
  enhanceMenu();
  openFiltersOnWideScreens();
});

// The menu link opens the drawer through :target without JavaScript; here it becomes a
// real toggle button (aria-expanded, Escape closes, focus returns to the button).
function enhanceMenu() {
  var link = document.querySelector("a.nav-toggle");
  var nav = document.getElementById("site-nav");
  if (!link || !nav) return;
  var toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = link.className;
  toggle.setAttribute("aria-controls", "site-nav");
  toggle.setAttribute("aria-expanded", "false");
  while (link.firstChild) toggle.appendChild(link.firstChild);
  link.replaceWith(toggle);

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  }

  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("is-open")) {
      setOpen(false);
      toggle.focus();
    }
  });
}

// Filter panels (<details data-open-wide>) are collapsed in the HTML, so phones see them
// closed; wide screens open them (CSS already shows them where ::details-content works).
function openFiltersOnWideScreens() {
  var panels = document.querySelectorAll("details[data-open-wide]");
  if (!panels.length || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 48rem)");
  function apply() {
    for (var i = 0; i < panels.length; i++) panels[i].open = wide.matches;
  }
  apply();
  if (wide.addEventListener) wide.addEventListener("change", apply);
}
