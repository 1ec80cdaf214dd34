/*
 * Quartieri: suggestions under the search box as one types (progressive enhancement).
 * Without this file the search box is a plain form that submits to the results page.
 *
 * Each <input data-suggest-url> becomes an ARIA 1.2 combobox with a listbox of page titles
 * fetched from that URL (JSON: {results: [{title, url, type}], status}). Up and Down move
 * through the suggestions, Enter opens the chosen page (or searches, if none is chosen),
 * Escape closes the list; a live region reads out how many suggestions there are.
 */
(function () {
    "use strict";

    var MIN_LENGTH = 2;
    var DELAY = 200;
    var counter = 0;

    function enhance(input) {
        counter += 1;
        var url = input.getAttribute("data-suggest-url");
        var listId = "search-suggestions-" + counter;
        var list = document.createElement("ul");
        var status = document.createElement("div");
        var wrapper = input.parentNode;
        var timer = null;
        var controller = null;
        var items = [];
        var active = -1;
        var lastQuery = "";

        list.id = listId;
        list.className = "search-suggest";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
        list.hidden = true;
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        status.setAttribute("aria-live", "polite");
        wrapper.classList.add("search-suggest-anchor");
        wrapper.appendChild(list);
        wrapper.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            var options = list.querySelectorAll("[role=option]");
            Array.prototype.forEach.call(options, function (option, position) {
                option.setAttribute("aria-selected", position === index ? "true" : "false");
            });
            active = index;
            if (index >= 0 && options[index]) {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function render(data) {
            items = data.results || [];
            list.textContent = "";
            items.forEach(function (item, index) {
                // An option holds text only (no link inside: a listbox's options are not
                // interactive controls of their own); choosing it opens its page.
                var option = document.createElement("li");
                var title = document.createElement("span");
                var kind = document.createElement("span");
                option.id = listId + "-" + index;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                title.className = "search-suggest__title";
                title.textContent = item.title;
                kind.className = "search-suggest__type";
                kind.textContent = item.type;
                option.appendChild(title);
                option.appendChild(kind);
                option.addEventListener("mousedown", function (event) {
                    // Keep the focus in the box until the page opens.
                    event.preventDefault();
                });
                option.addEventListener("click", function () {
                    window.location.assign(item.url);
                });
                list.appendChild(option);
            });
            status.textContent = data.status || "";
            if (items.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                highlight(-1);
            } else {
                close();
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query === lastQuery) {
                return;
            }
            lastQuery = query;
            if (query.length < MIN_LENGTH) {
                render({ results: [] });
                return;
            }
            if (controller) {
                controller.abort();
            }
            controller = typeof AbortController === "function" ? new AbortController() : null;
            fetch(url + "?q=" + encodeURIComponent(query), {
                headers: { Accept: "application/json" },
                signal: controller ? controller.signal : undefined,
            })
                .then(function (response) {
                    return response.ok ? response.json() : { results: [] };
                })
                .then(function (data) {
                    if (input.value.trim() === query) {
                        render(data);
                    }
                })
                .catch(function () {
                    /* Offline or aborted: the plain form still works. */
                });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DELAY);
        });

        input.addEventListener("keydown", function (event) {
            var open = !list.hidden && items.length > 0;
            if (event.key === "ArrowDown" && open) {
                event.preventDefault();
                highlight(active + 1 < items.length ? active + 1 : 0);
            } else if (event.key === "ArrowUp" && open) {
                event.preventDefault();
                highlight(active > 0 ? active - 1 : items.length - 1);
            } else if (event.key === "Enter" && open && active >= 0) {
                event.preventDefault();
                window.location.assign(items[active].url);
            } else if (event.key === "Escape" && open) {
                event.preventDefault();
                close();
            }
        });

        input.addEventListener("blur", function () {
            window.setTimeout(close, 150);
        });
    }

    if (!("fetch" in window)) {
        return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest-url]"), enhance);
})();
