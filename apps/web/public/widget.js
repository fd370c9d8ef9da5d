/*
 * Kefu chat widget — embed with one line:
 *   <script src="https://your-kefu-host/widget.js" async></script>
 * Add data-team="<team id>" to send this page's conversations to one team (技能组).
 * Adds a floating button that opens the chat (/chat on the same host as this script) in a panel;
 * on phones the panel fills the screen. No dependencies, no cookies on the host page.
 */
/* global document, window */
(function () {
  "use strict";
  if (window.__kefuWidget) return;
  window.__kefuWidget = true;

  var script = document.currentScript;
  if (!script) {
    var scripts = document.getElementsByTagName("script");
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/\/widget\.js(\?|#|$)/.test(scripts[i].src)) {
        script = scripts[i];
        break;
      }
    }
  }
  var origin = script && script.src ? new URL(script.src, window.location.href).origin : window.location.origin;
  var zh = (document.documentElement.lang || window.navigator.language || "zh").toLowerCase().indexOf("zh") === 0;
  var label = zh ? "在线客服" : "Chat with us";
  var closeLabel = zh ? "关闭" : "Close";

  var style = document.createElement("style");
  style.textContent =
    ".kefu-w-btn{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border-radius:50%;border:0;" +
    "background:#1366e0;color:#fff;box-shadow:0 6px 20px rgba(19,102,224,.4);cursor:pointer;display:flex;align-items:center;justify-content:center}" +
    ".kefu-w-btn:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}" +
    ".kefu-w-panel{position:fixed;right:20px;bottom:88px;z-index:2147483001;width:380px;height:600px;max-height:calc(100vh - 108px);" +
    "border-radius:16px;overflow:hidden;box-shadow:0 12px 40px rgba(15,23,42,.25);background:#fff;display:none}" +
    ".kefu-w-panel.kefu-w-open{display:block}" +
    ".kefu-w-panel iframe{width:100%;height:100%;border:0;display:block}" +
    ".kefu-w-close{position:absolute;top:10px;right:10px;z-index:1;width:32px;height:32px;border:0;border-radius:50%;background:rgba(255,255,255,.2);color:#fff;font-size:20px;line-height:32px;cursor:pointer}" +
    "@media (max-width:480px){.kefu-w-panel{right:0;bottom:0;width:100vw;height:100%;max-height:none;border-radius:0}}";
  document.head.appendChild(style);

  var button = document.createElement("button");
  button.type = "button";
  button.className = "kefu-w-btn";
  button.setAttribute("aria-label", label);
  button.setAttribute("aria-expanded", "false");
  button.innerHTML =
    '<svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';

  var panel = document.createElement("div");
  panel.className = "kefu-w-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", label);

  var close = document.createElement("button");
  close.type = "button";
  close.className = "kefu-w-close";
  close.setAttribute("aria-label", closeLabel);
  close.textContent = "×";
  panel.appendChild(close);

  var frame = null;
  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      var team = script && script.getAttribute("data-team");
      var query = [];
      if (team && /^\d+$/.test(team)) query.push("team=" + team);
      // the page the visitor is on, for the agent (without its query string when that makes it too long)
      var page = window.location.href.length <= 500 ? window.location.href : window.location.origin + window.location.pathname;
      if (page.length <= 500) query.push("page=" + encodeURIComponent(page));
      frame.src = origin + "/chat" + (query.length ? "?" + query.join("&") : "");
      frame.title = label;
      frame.setAttribute("allow", "clipboard-write");
      panel.appendChild(frame);
    }
    panel.classList.add("kefu-w-open");
    button.setAttribute("aria-expanded", "true");
    if (window.matchMedia("(max-width:480px)").matches) button.style.display = "none";
  }
  function hide() {
    panel.classList.remove("kefu-w-open");
    button.setAttribute("aria-expanded", "false");
    button.style.display = "";
    button.focus();
  }
  button.addEventListener("click", function () {
    if (panel.classList.contains("kefu-w-open")) hide();
    else open();
  });
  close.addEventListener("click", hide);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && panel.classList.contains("kefu-w-open")) hide();
  });

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(button);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
