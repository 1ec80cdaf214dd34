/*
 * Quartieri: the "notify me" control (districts/templates/districts/follow/includes/notify_me.html).
 * Shown only where the browser can receive Web Push. A click (never the page load) asks for the
 * permission, registers our service worker (/sw.js), subscribes with the portal's VAPID public
 * key and posts the subscription to the portal; a second click turns it off. Every word comes
 * from the template, in the page's language.
 */
(function () {
    "use strict";

    var box = document.querySelector("[data-notify-me]");
    if (!box || !window.fetch || !window.Promise || !("serviceWorker" in navigator) ||
            !("PushManager" in window) || !("Notification" in window)) {
        return;
    }
    var button = box.querySelector("[data-notify-button]");
    var statusLine = box.querySelector("[data-notify-status]");
    var endpoint = box.getAttribute("data-endpoint");
    var worker = box.getAttribute("data-worker");
    var district = box.getAttribute("data-district");
    var language = box.getAttribute("data-language");
    var subscribed = false;
    // Seconds a browser may take to reach its push service before we say it failed.
    var TIMEOUT = 20000;

    function text(name) {
        return box.getAttribute("data-text-" + name) || "";
    }

    function say(name) {
        statusLine.textContent = text(name);
    }

    function show(on) {
        subscribed = on;
        button.textContent = text(on ? "off" : "on");
    }

    function keyBytes(base64url) {
        var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
        var raw = window.atob(padded);
        var bytes = new Uint8Array(raw.length);
        for (var i = 0; i < raw.length; i += 1) {
            bytes[i] = raw.charCodeAt(i);
        }
        return bytes;
    }

    function post(body) {
        return fetch(endpoint, {
            method: "POST",
            credentials: "same-origin",
            headers: {"Content-Type": "application/json", "Accept": "application/json"},
            body: JSON.stringify(body)
        }).then(function (response) {
            return response.json().then(function (data) {
                if (!response.ok) {
                    throw new Error(data.message || String(response.status));
                }
                return data;
            });
        });
    }

    function follows(data) {
        return data.status === "subscribed" &&
            (!district || data.districts.length === 0 || data.districts.indexOf(district) !== -1);
    }

    function withTimeout(promise) {
        return new Promise(function (resolve, reject) {
            var timer = window.setTimeout(function () {
                reject(new Error("timeout"));
            }, TIMEOUT);
            promise.then(function (value) {
                window.clearTimeout(timer);
                resolve(value);
            }, function (error) {
                window.clearTimeout(timer);
                reject(error);
            });
        });
    }

    function currentSubscription() {
        return navigator.serviceWorker.getRegistration(worker).then(function (registration) {
            return registration ? registration.pushManager.getSubscription() : null;
        });
    }

    function turnOn() {
        return Notification.requestPermission().then(function (permission) {
            if (permission !== "granted") {
                say("denied");
                return null;
            }
            return navigator.serviceWorker.register(worker, {scope: "/"}).then(function () {
                return navigator.serviceWorker.ready;
            }).then(function (registration) {
                return registration.pushManager.getSubscription().then(function (existing) {
                    return existing || withTimeout(registration.pushManager.subscribe({
                        userVisibleOnly: true,
                        applicationServerKey: keyBytes(box.getAttribute("data-public-key"))
                    }));
                });
            }).then(function (subscription) {
                // The events saved in this browser go with the device (saved.js, loaded before us).
                var saved = window.QuartieriSaved ? window.QuartieriSaved.keys() : undefined;
                return post({subscription: subscription.toJSON(), district: district, language: language, saved: saved});
            }).then(function () {
                show(true);
                say("subscribed");
            });
        });
    }

    function turnOff() {
        return currentSubscription().then(function (subscription) {
            if (!subscription) {
                return {status: "unsubscribed"};
            }
            return post({action: "unsubscribe", endpoint: subscription.endpoint, district: district}).then(function (data) {
                return data.status === "unsubscribed" ? subscription.unsubscribe().then(function () {
                    return data;
                }) : data;
            });
        }).then(function () {
            show(false);
            say("unsubscribed");
        });
    }

    button.addEventListener("click", function () {
        button.disabled = true;
        say("working");
        (subscribed ? turnOff() : turnOn()).catch(function () {
            say("failed");
        }).then(function () {
            button.disabled = false;
        });
    });

    box.hidden = false;
    if (Notification.permission === "denied") {
        say("denied");
    }
    currentSubscription().then(function (subscription) {
        if (!subscription) {
            return;
        }
        return post({action: "status", endpoint: subscription.endpoint}).then(function (data) {
            show(follows(data));
        });
    }).catch(function () {
        show(false);
    });
})();
