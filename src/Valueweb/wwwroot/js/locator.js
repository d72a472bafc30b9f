// Progressive enhancement: offer "Use my position" where the browser can tell it.
(function () {
  var button = document.getElementById('use-position');
  if (!button || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById('lat').value = position.coords.latitude.toFixed(4);
      document.getElementById('lon').value = position.coords.longitude.toFixed(4);
      document.getElementById('near').value = '';
      document.getElementById('locator-form').submit();
    });
  });
})();
