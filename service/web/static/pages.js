// Behaviour of the pages, kept out of the HTML so the Content-Security-Policy allows no inline script.
document.querySelectorAll("button.print").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
