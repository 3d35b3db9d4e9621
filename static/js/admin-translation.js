/* English and Chinese of a translated field side by side (static/css/admin-translation.css
   lays each .translation-pair in two columns on wide screens, stacked on narrow ones).
   Generic: any input named "<x>_en" whose "<x>_zh_hans" sits in the next sibling block of
   one of its ancestors is paired, in panels, multi-field panels and inline rows alike. */
(function () {
  "use strict";
  function pairFields(root) {
    var inputs = root.querySelectorAll("input[name$='_en'], textarea[name$='_en'], select[name$='_en']");
    inputs.forEach(function (input) {
      var zhName = input.name.replace(/_en$/, "_zh_hans");
      var node = input;
      while (node && node.parentElement && node.tagName !== "FORM") {
        var next = node.nextElementSibling;
        if (next && next.querySelector("[name='" + zhName + "']")) {
          if (node.parentElement.classList.contains("translation-pair")) return;
          var pair = document.createElement("div");
          pair.className = "translation-pair";
          pair.setAttribute("data-translation-pair", input.name.replace(/_en$/, ""));
          node.parentElement.insertBefore(pair, node);
          pair.appendChild(node);
          pair.appendChild(next);
          return;
        }
        node = node.parentElement;
      }
    });
  }
  /* Translator mode (translations/forms.py): the server ignores every non-Chinese field and
     disables plain inputs; rich text and StreamField editors are JavaScript widgets the
     disabled attribute does not reach, so make their whole field inert and say so. */
  function lockEnglishWidgets() {
    if (!document.querySelector("[data-translator-readonly]")) return;
    // Rows of inline panels cannot be added, moved or removed (the server refuses it).
    document.body.classList.add("translator-mode");
    document.querySelectorAll(".w-field[data-contentpath]").forEach(function (field) {
      var path = field.getAttribute("data-contentpath");
      if (field.parentElement.closest("[data-contentpath]")) return;
      if (/_zh_hans$/.test(path) || path === "comment_notifications") return;
      field.setAttribute("inert", "");
      field.classList.add("translation-readonly");
    });
  }
  function run() {
    document.querySelectorAll("form").forEach(pairFields);
    lockEnglishWidgets();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
