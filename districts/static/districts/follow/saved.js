/* Saved events without an account (districts/follow/saved.py): the translation keys of the
   saved events are kept in this browser (localStorage), the "Save" buttons of event and
   initiative pages toggle them, and the "My saved events" page shows them with one calendar
   link. Without JavaScript none of this is shown: each page's "Add to my calendar" remains.

   With the device too when push is on (districts/follow/notify.py, action "saved"): when this
   browser has a push subscription of our service worker, every change posts the whole list to the
   portal, proven by the subscription's endpoint and `auth` secret, so that a cancellation of a
   saved event reaches the browser as a push. The saved page says whether that is so.

   For other scripts (the "notify me" control sends the saved keys with its push registration):
     window.QuartieriSaved.keys()         -> ["<translation key>", ...]
     window.QuartieriSaved.save(key), .remove(key), .has(key)
     document event "quartieri:saved-change", event.detail.keys: the keys after every change. */
(function () {
    "use strict";
    if (window.QuartieriSaved) {
        return;
    }
    var STORE = "quartieri.saved";
    var MAX = 200;
    var KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

    function keys() {
        var value;
        try {
            value = JSON.parse(window.localStorage.getItem(STORE) || "[]");
        } catch (error) {
            return [];
        }
        if (!Array.isArray(value)) {
            return [];
        }
        return value.filter(function (key) {
            return typeof key === "string" && KEY.test(key);
        }).slice(0, MAX);
    }

    function write(list) {
        try {
            window.localStorage.setItem(STORE, JSON.stringify(list));
        } catch (error) {
            return false;
        }
        document.dispatchEvent(new CustomEvent("quartieri:saved-change", {detail: {keys: list.slice()}}));
        return true;
    }

    function has(key) {
        return keys().indexOf(key) !== -1;
    }

    function save(key) {
        var list = keys();
        if (!KEY.test(key) || list.indexOf(key) !== -1 || list.length >= MAX) {
            return false;
        }
        list.push(key);
        return write(list);
    }

    function remove(key) {
        return write(keys().filter(function (item) {
            return item !== key;
        }));
    }

    function storageWorks() {
        try {
            window.localStorage.setItem(STORE + ".test", "1");
            window.localStorage.removeItem(STORE + ".test");
            return true;
        } catch (error) {
            return false;
        }
    }

    window.QuartieriSaved = {keys: keys, save: save, remove: remove, has: has};

    // The portal's push endpoint and service worker, named by the page when Web Push is on.
    function pushConfig() {
        var element = document.querySelector("[data-push-endpoint]");
        if (!element || !window.fetch || !("serviceWorker" in navigator) || !("PushManager" in window)) {
            return null;
        }
        return {endpoint: element.getAttribute("data-push-endpoint"), worker: element.getAttribute("data-push-worker")};
    }

    // Sends `list` to the portal for this browser's push subscription. Resolves true when the
    // device keeps it now, false when notifications are off here, null when push is unavailable.
    function syncWithDevice(list) {
        var config = pushConfig();
        if (!config) {
            return Promise.resolve(null);
        }
        return navigator.serviceWorker.getRegistration(config.worker).then(function (registration) {
            return registration ? registration.pushManager.getSubscription() : null;
        }).then(function (subscription) {
            if (!subscription) {
                return false;
            }
            var json = subscription.toJSON();
            return fetch(config.endpoint, {
                method: "POST",
                credentials: "same-origin",
                headers: {"Content-Type": "application/json", "Accept": "application/json"},
                body: JSON.stringify({action: "saved", endpoint: json.endpoint, auth: json.keys.auth, saved: list})
            }).then(function (response) {
                return response.ok;
            });
        }).catch(function () {
            return false;
        });
    }

    function showAlerts(section, on) {
        section.querySelectorAll("[data-saved-alerts]").forEach(function (line) {
            line.hidden = on === null || line.getAttribute("data-saved-alerts") !== (on ? "on" : "off");
        });
    }

    function showButton(control) {
        var button = control.querySelector("[data-save-key]");
        var status = control.querySelector("[role=status]");
        function paint(announce) {
            var saved = has(button.getAttribute("data-save-key"));
            button.setAttribute("aria-pressed", saved ? "true" : "false");
            if (announce) {
                status.textContent = status.getAttribute(saved ? "data-saved-text" : "data-unsaved-text");
            }
        }
        button.addEventListener("click", function () {
            var key = button.getAttribute("data-save-key");
            if (has(key)) {
                remove(key);
            } else {
                save(key);
            }
            paint(true);
        });
        paint(false);
        control.hidden = false;
    }

    function showList(section) {
        var box = section.querySelector("[data-saved-items]");
        var empty = section.querySelector("[data-saved-empty]");
        var url = section.getAttribute("data-items-url");
        function load() {
            var list = keys();
            if (!list.length) {
                box.replaceChildren(empty);
                empty.hidden = false;
                return;
            }
            box.setAttribute("aria-busy", "true");
            fetch(url + "?events=" + encodeURIComponent(list.join(",")), {credentials: "same-origin"})
                .then(function (response) {
                    return response.ok ? response.text() : Promise.reject(response.status);
                })
                .then(function (html) {
                    var fragment = new DOMParser().parseFromString(html, "text/html").body;
                    box.replaceChildren.apply(box, Array.prototype.slice.call(fragment.childNodes));
                })
                .catch(function () {
                    box.replaceChildren(empty);
                    empty.hidden = false;
                })
                .then(function () {
                    box.setAttribute("aria-busy", "false");
                });
        }
        box.addEventListener("click", function (event) {
            var button = event.target.closest("[data-unsave-key]");
            if (button) {
                remove(button.getAttribute("data-unsave-key"));
                load();
                section.querySelector("h2").focus();
            }
        });
        section.querySelector("h2").setAttribute("tabindex", "-1");
        load();
        syncWithDevice(keys()).then(function (on) {
            showAlerts(section, on);
        });
    }

    function start() {
        if (!storageWorks()) {
            return;
        }
        document.addEventListener("quartieri:saved-change", function (event) {
            syncWithDevice(event.detail.keys);
        });
        document.querySelectorAll("[data-save-control]").forEach(showButton);
        document.querySelectorAll("[data-saved-list]").forEach(showList);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}());
