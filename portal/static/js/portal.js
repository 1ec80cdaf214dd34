/*
 * Quartieri: small progressive enhancements. Everything works without this file.
 * On the calendar, the two date pickers are shown only when “Chosen dates” is selected
 * (or when they already hold a date).
 */
(function () {
    "use strict";

    var groups = document.querySelectorAll("[data-dates-for]");
    Array.prototype.forEach.call(groups, function (group) {
        var select = document.getElementById(group.getAttribute("data-dates-for"));
        if (!select) {
            return;
        }
        var inputs = group.querySelectorAll("input");
        function hasDate() {
            return Array.prototype.some.call(inputs, function (input) {
                return input.value !== "";
            });
        }
        function update() {
            group.hidden = select.value !== "dates" && !hasDate();
        }
        select.addEventListener("change", update);
        update();
    });
})();
