// Keyboard review: a accept, o override, j/k next/previous item, 1-0 jump to a sub-issue,
// n next document. Every save sends the CSRF token and the version the page was built on;
// a stale save (409) reloads the page showing the other reviewer's change.
(function () {
  "use strict";
  const root = document.getElementById("review");
  if (!root) return;
  const sid = root.dataset.sid, doc = root.dataset.doc, version = root.dataset.version;
  const csrf = document.body.dataset.csrf || "";
  const items = Array.from(document.querySelectorAll("ol.items li.item"));
  const current = items.findIndex((li) => li.dataset.item === root.dataset.item);
  const flash = document.getElementById("flash");
  const dialog = document.getElementById("override");
  const base = "/submissions/" + encodeURIComponent(sid);

  if (items[current]) items[current].scrollIntoView({ block: "nearest" });
  if (!window.location.hash) {
    const first = document.querySelector("figure.has-evidence .hl, article.textpage mark");
    if (first) first.scrollIntoView({ block: "center" });
  }

  function itemUrl(li) {
    const page = li.dataset.page ? "#p" + li.dataset.page : "";
    return base + "?doc=" + doc + "&item=" + encodeURIComponent(li.dataset.item) + page;
  }
  function go(index) {
    if (index >= 0 && index < items.length) window.location.assign(itemUrl(items[index]));
  }
  function say(text, bad) {
    flash.textContent = text;
    flash.classList.toggle("bad", !!bad);
  }
  async function post(action, data) {
    const body = new URLSearchParams(data);
    body.set("base_version", version);
    const r = await fetch(base + "/" + action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "Accept": "application/json" },
    });
    let payload = {};
    try { payload = await r.json(); } catch (e) { payload = { error: await r.text() }; }
    if (r.status === 409) {
      window.location.assign(base + "?doc=" + doc + "&item=" + encodeURIComponent(root.dataset.item)
                             + "&stale=" + version);
      return null;
    }
    if (!r.ok) { say(payload.error || r.statusText, true); return null; }
    return payload;
  }
  async function accept() {
    const li = items[current];
    if (!li || li.dataset.proposed === "") return;
    const done = await post("decide", { doc: doc, item: li.dataset.item, value: li.dataset.proposed });
    if (done) {
      if (current + 1 < items.length) go(current + 1); else window.location.reload();
    }
  }
  function selectedText() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed) return { text: "", page: "" };
    let node = sel.anchorNode;
    while (node && !(node.dataset && node.dataset.page)) node = node.parentNode;
    return { text: sel.toString().trim(), page: node ? node.dataset.page : "" };
  }
  function override() {
    const li = items[current];
    if (!li || !dialog) return;
    const form = dialog.querySelector("form");
    const sel = selectedText();
    form.selection.value = sel.text;
    form.page.value = sel.page;
    const flip = li.dataset.proposed === "true" ? "false" : "true";
    form.querySelector('input[name=value][value="' + flip + '"]').checked = true;
    dialog.showModal();
    form.reason.focus();
  }
  if (dialog) {
    const form = dialog.querySelector("form");
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const data = { doc: doc, item: root.dataset.item, value: form.value.value, reason: form.reason.value };
      if (form.use_selection.checked && form.value.value === "true") {
        data.selection = form.selection.value; data.page = form.page.value;
      }
      const done = await post("decide", data);
      if (done) { dialog.close(); go(Math.min(current + 1, items.length - 1)); }
      else { document.getElementById("override-error").textContent = flash.textContent; }
    });
    document.getElementById("override-cancel").addEventListener("click", () => dialog.close());
  }
  for (const id of ["bulk-form", "progress-form"]) {
    const form = document.getElementById(id);
    if (!form) continue;
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const data = new FormData(form);
      data.delete("csrf_token"); data.delete("base_version");
      const done = await post(form.action.split("/").pop(), Array.from(data.entries()));
      if (done) window.location.reload();
    });
  }
  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const tag = (ev.target.tagName || "").toLowerCase();
    if (["input", "textarea", "select"].includes(tag) || (dialog && dialog.open)) return;
    const writer = root.dataset.canWrite === "true";
    if (ev.key === "j") go(current + 1);
    else if (ev.key === "k") go(current - 1);
    else if (ev.key === "n" && root.dataset.nextDoc) window.location.assign(base + "?doc=" + root.dataset.nextDoc);
    else if (/^[0-9]$/.test(ev.key)) {
      const li = items.find((x) => x.dataset.key === ev.key);
      if (li) window.location.assign(itemUrl(li));
    } else if (ev.key === "a" && writer) accept();
    else if (ev.key === "o" && writer) override();
    else return;
    ev.preventDefault();
  });
})();
