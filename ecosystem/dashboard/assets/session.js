/*
 * When the session ends while the dashboard is open (signed out elsewhere, the password
 * changed, the session expired), the server answers the page's requests with 401: go to the
 * sign-in page, which brings the person back here, rather than leave views that stop working.
 */
(function () {
    "use strict";

    const fetched = window.fetch;
    window.fetch = function (...args) {
        return fetched.apply(this, args).then(function (response) {
            if (response.status === 401 && response.url.indexOf("/_dash-") !== -1) {
                window.location.assign("/login?next=/");
            }
            return response;
        });
    };
})();
