// Clicking a linked sentence outlines its counterparts in every column and its row of the claims table.
document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-group]");
  document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
  if (!target) return;
  document.querySelectorAll(`[data-group="${target.dataset.group}"]`).forEach((el) => el.classList.add("active"));
});
