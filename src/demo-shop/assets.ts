import { createHash } from 'node:crypto';

/**
 * The storefront's only script: add-to-cart on product pages, quantity and
 * remove on the cart page. The broken build reproduces a classic front-end
 * regression: the handler cancels the native form submit and then throws
 * reading a data attribute the markup no longer carries, so a click adds
 * nothing while every server endpoint stays healthy.
 */
function appScript(broken: boolean): string {
  const readSlug = broken
    ? `var slug = form.dataset.variant.slug;`
    : `var slug = form.getAttribute('data-product-slug');`;
  return `(function () {
  'use strict';
  function $(sel) { return document.querySelector(sel); }
  function $all(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }
  function setCount(n) { var badge = $('[data-testid="cart-count"]'); if (badge) badge.textContent = String(n); }
  function show(el, text, isError) { if (!el) return; el.textContent = text; el.className = isError ? 'notice error' : 'notice'; el.hidden = false; }
  function cartApi(method, body) {
    return fetch('/api/cart', { method: method, credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) })
      .then(function (res) { return res.json().then(function (data) { if (!res.ok) throw new Error(data.error || 'HTTP ' + res.status); return data; }); });
  }
  var form = $('[data-testid="add-to-cart-form"]');
  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      ${readSlug}
      var input = form.querySelector('[name="quantity"]');
      var quantity = Math.max(1, parseInt(input ? input.value : '1', 10) || 1);
      var note = $('[data-testid="cart-confirmation"]');
      var button = $('[data-testid="add-to-cart"]');
      if (button) button.disabled = true;
      cartApi('POST', { slug: slug, quantity: quantity }).then(function (cart) {
        setCount(cart.count);
        show(note, 'Added to your cart: ' + form.getAttribute('data-product-title'), false);
      }, function (err) {
        show(note, 'Could not add to cart: ' + err.message, true);
      }).then(function () { if (button) button.disabled = false; });
    });
  }
  function refresh(cart) {
    if (cart.count === 0) { location.reload(); return; }
    setCount(cart.count);
    var subtotal = $('[data-testid="subtotal"]');
    if (subtotal) subtotal.textContent = cart.subtotalFormatted;
    cart.items.forEach(function (item) {
      var cell = $('[data-line="' + item.slug + '"] [data-testid="line-total"]');
      if (cell) cell.textContent = item.lineTotalFormatted;
    });
  }
  function fail(err) { show($('[data-testid="cart-message"]'), 'Could not update the cart: ' + err.message, true); }
  $all('[data-testid="quantity"]').forEach(function (input) {
    input.addEventListener('change', function () {
      var quantity = parseInt(input.value, 10);
      if (!(quantity >= 0)) return;
      var row = input.closest('[data-line]');
      cartApi('PATCH', { slug: input.getAttribute('data-slug'), quantity: quantity }).then(function (cart) {
        if (quantity === 0 && row) row.remove();
        refresh(cart);
      }, fail);
    });
  });
  $all('[data-testid="remove"]').forEach(function (button) {
    button.addEventListener('click', function (event) {
      event.preventDefault();
      var row = button.closest('[data-line]');
      cartApi('DELETE', { slug: button.getAttribute('data-slug') }).then(function (cart) {
        if (row) row.remove();
        refresh(cart);
      }, fail);
    });
  });
})();
`;
}

type Asset = { body: string; version: string; etag: string };

function build(broken: boolean): Asset {
  const body = appScript(broken);
  const version = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { body, version, etag: `"${version}"` };
}

const healthy = build(false);
const broken = build(true);

export function appScriptAsset(brokenAddToCart: boolean): Asset {
  return brokenAddToCart ? broken : healthy;
}

/** The URL carries the build's hash so a page and its script always match, even if the fault flips in between. */
export function appScriptPath(brokenAddToCart: boolean): string {
  return `/assets/app.js?v=${appScriptAsset(brokenAddToCart).version}`;
}

export function appScriptForVersion(version: string | null, brokenAddToCart: boolean): Asset {
  if (version === healthy.version) return healthy;
  if (version === broken.version) return broken;
  return appScriptAsset(brokenAddToCart);
}
