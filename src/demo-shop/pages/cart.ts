import type { CartView } from '../cart-view';
import { esc, layout, type View } from './html';

export function renderCart(view: View, cart: CartView): string {
  let body: string;
  if (cart.items.length === 0) {
    body = `<p data-testid="cart-empty">Your cart is empty.</p><p><a class="btn" href="/" data-testid="continue-shopping">Continue shopping</a></p>`;
  } else {
    const rows = cart.items
      .map(
        (item) => `<tr data-line="${item.slug}" data-testid="cart-line">
<td><a href="/products/${item.slug}" data-testid="line-title">${esc(item.title)}</a></td>
<td data-testid="line-price">${item.priceFormatted}</td>
<td><form method="post" action="/cart/update"><input type="hidden" name="slug" value="${item.slug}">
<input type="number" name="quantity" value="${item.quantity}" min="0" max="99" data-testid="quantity" data-slug="${item.slug}" aria-label="Quantity for ${esc(item.title)}">
<button type="submit" name="action" value="update">Update</button>
<button type="submit" name="action" value="remove" data-testid="remove" data-slug="${item.slug}">Remove</button></form></td>
<td data-testid="line-total">${item.lineTotalFormatted}</td></tr>`,
      )
      .join('');
    body = `<table data-testid="cart-lines"><thead><tr><th>Product</th><th>Price</th><th>Quantity</th><th>Total</th></tr></thead><tbody>${rows}</tbody></table>
<p>Subtotal: <strong data-testid="subtotal">${cart.subtotalFormatted}</strong> <small>Shipping and taxes are calculated at checkout.</small></p>
<p><a class="btn" href="/checkout" data-testid="checkout">Checkout</a></p>`;
  }
  return layout(view, {
    title: 'Your cart',
    body: `<h1>Your cart</h1><p data-testid="cart-message" role="status" hidden></p>${body}`,
  });
}

export function renderCheckout(view: View, cart: CartView, submitted: boolean): string {
  if (submitted) {
    return layout(view, {
      title: 'Checkout',
      body: `<h1>Checkout</h1><p class="notice" data-testid="order-result">Demo store: no order placed.</p><p><a href="/">Back to the shop</a></p>`,
    });
  }
  const field = (name: string, label: string, type = 'text', extra = '') =>
    `<label>${label}<br><input type="${type}" name="${name}" data-testid="checkout-${name}" required${extra}></label>`;
  return layout(view, {
    title: 'Checkout',
    body: `<h1>Checkout</h1>
<p data-testid="checkout-summary">${cart.count} item${cart.count === 1 ? '' : 's'} · subtotal <strong data-testid="subtotal">${cart.subtotalFormatted}</strong></p>
<form class="stack" method="post" action="/checkout" data-testid="checkout-form">
${field('email', 'Email', 'email', ' autocomplete="email"')}
${field('name', 'Full name', 'text', ' autocomplete="name"')}
${field('address', 'Address', 'text', ' autocomplete="street-address"')}
${field('city', 'City')}
${field('postal', 'Postal code', 'text', ' autocomplete="postal-code"')}
${field('card', 'Card number', 'text', ' inputmode="numeric" autocomplete="cc-number"')}
${field('expiry', 'Expiry (MM/YY)', 'text', ' autocomplete="cc-exp"')}
${field('cvc', 'CVC', 'text', ' inputmode="numeric" autocomplete="cc-csc"')}
<button class="btn" type="submit" data-testid="place-order">Place order</button>
<small>This is a demo store: no payment is taken and no order is placed.</small>
</form>`,
  });
}

export function renderLogin(view: View, submitted: boolean): string {
  const result = submitted
    ? '<p class="notice error" data-testid="login-result">Demo store: sign-in is not available.</p>'
    : '';
  return layout(view, {
    title: 'Sign in',
    body: `<h1>Sign in</h1>${result}
<form class="stack" method="post" action="/account/login" data-testid="login-form">
<label>Email<br><input type="email" name="email" autocomplete="username" required data-testid="login-email"></label>
<label>Password<br><input type="password" name="password" autocomplete="current-password" required data-testid="login-password"></label>
<button class="btn" type="submit" data-testid="login-submit">Sign in</button>
</form>`,
  });
}
