// Copying from inside a helpdesk's iframe: the async clipboard API needs a permission many
// helpdesks' frames do not grant, so fall back to a selected text area and the copy command.
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch (err) { /* not allowed in this frame: fall back */ }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed"; area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("the browser did not allow copying; select the draft and copy it by hand.");
}
