/*
 * The Data view's upload limit, kept in the browser: files over the limit are refused before
 * they are read or sent, and a request the server refuses as too large (HTTP 413) is said
 * in words. The limit is the drop zone's data-upload-limit (bytes); the words go to the
 * element named by its data-upload-note.
 */
(function () {
    "use strict";

    function megabytes(bytes) {
        return parseFloat((bytes / 1048576).toFixed(2)).toLocaleString("en-GB") + " MB";
    }

    function say(zone, text) {
        if (window.dash_clientside && window.dash_clientside.set_props) {
            window.dash_clientside.set_props(zone.dataset.uploadNote, {children: text});
        }
    }

    function refuseTooBig(event) {
        const zone = event.target && event.target.closest
            ? event.target.closest("[data-upload-limit]") : null;
        if (!zone) return;
        const list = event.type === "drop"
            ? (event.dataTransfer && event.dataTransfer.files) : event.target.files;
        const files = Array.from(list || []);
        const total = files.reduce((sum, file) => sum + file.size, 0);
        const limit = Number(zone.dataset.uploadLimit);
        if (!files.length || !(total > limit)) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        if (event.type === "change") event.target.value = "";
        say(zone, (files.length === 1 ? "This file is " : "These files are ") +
            megabytes(total) + ", over the limit of " + megabytes(limit) +
            "; nothing was sent. Split the file, or ask whoever runs the dashboard to " +
            "start it with a larger --upload-limit-mb.");
    }

    // Capturing on window runs before the drop zone's own handlers, which then never see it.
    window.addEventListener("drop", refuseTooBig, true);
    window.addEventListener("change", refuseTooBig, true);

    const fetched = window.fetch;
    window.fetch = function (...args) {
        return fetched.apply(this, args).then(function (response) {
            const zone = document.querySelector("[data-upload-limit]");
            if (response.status === 413 && zone) {
                say(zone, "The server refused the files as too large (over " +
                    megabytes(Number(zone.dataset.uploadLimit)) + "); nothing was stored.");
            }
            return response;
        });
    };
})();
