// Wagtail's date picker (jquery.datetimepicker) writes its apply button as "Save Selected", with no option
// or catalogue entry to translate it: relabel each button as the picker adds it to the page.
(() => {
  const LABEL = "Lưu lựa chọn";
  const relabel = (node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const buttons = node.matches(".xdsoft_save_selected") ? [node] : node.querySelectorAll(".xdsoft_save_selected");
    for (const button of buttons) button.textContent = LABEL;
  };
  relabel(document.documentElement);
  new MutationObserver((changes) => {
    for (const change of changes) change.addedNodes.forEach(relabel);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
