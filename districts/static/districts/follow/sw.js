/*
 * Quartieri's service worker, served at /sw.js (scope "/"): it shows the notifications the portal
 * sends by Web Push (districts/follow/push.py) and opens their page on a click. Nothing else:
 * no caching, no network requests of its own, no outside script.
 */
"use strict";

self.addEventListener("push", function (event) {
    var data = {};
    if (event.data) {
        try {
            data = event.data.json();
        } catch (error) {
            data = {body: event.data.text()};
        }
    }
    var options = {
        body: data.body || "",
        lang: data.lang || "",
        dir: data.dir === "rtl" ? "rtl" : (data.dir === "ltr" ? "ltr" : "auto"),
        icon: data.icon || "/favicon.ico",
        data: {url: data.url || "/"}
    };
    if (data.tag) {
        options.tag = data.tag;
    }
    event.waitUntil(self.registration.showNotification(data.title || "Quartieri", options));
});

self.addEventListener("notificationclick", function (event) {
    event.notification.close();
    var target = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
    event.waitUntil(
        self.clients.matchAll({type: "window", includeUncontrolled: true}).then(function (windows) {
            for (var i = 0; i < windows.length; i += 1) {
                if (windows[i].url === target.href && "focus" in windows[i]) {
                    return windows[i].focus();
                }
            }
            return self.clients.openWindow(target.href);
        })
    );
});
