<?php
/**
 * Plugin Name:       Bleeding in Pregnancy Check
 * Description:       Embeds the Bleeding in Pregnancy Check: paste its address on its own line, use the [bleeding_check] shortcode or the block.
 * Version:           1.0.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       bleeding-check
 *
 * @package BleedingCheck
 */

defined( 'ABSPATH' ) || exit;

define( 'BLEEDING_CHECK_VERSION', '1.0.0' );
define( 'BLEEDING_CHECK_OPTIONS', array( 'bleeding_check_host', 'bleeding_check_partner', 'bleeding_check_lang' ) );

/**
 * The widget's origin (https://check.example), or '' when not set.
 */
function bleeding_check_host() {
	return bleeding_check_clean_host( (string) get_option( 'bleeding_check_host', '' ) );
}

/**
 * An exact origin: https://host[:port]; http only on this computer (localhost, 127.0.0.1).
 *
 * @param string $value What an administrator typed.
 * @return string The origin, or '' when it is not one.
 */
function bleeding_check_clean_host( $value ) {
	$value = trim( (string) $value );
	if ( '' === $value || strlen( $value ) > 200 ) {
		return '';
	}
	$parts = wp_parse_url( $value );
	if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
		return '';
	}
	$scheme = strtolower( $parts['scheme'] );
	$host   = strtolower( $parts['host'] );
	if ( isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
		return '';
	}
	if ( isset( $parts['path'] ) && '' !== $parts['path'] && '/' !== $parts['path'] ) {
		return '';
	}
	if ( ! preg_match( '/^[a-z0-9.-]{1,253}$/', $host ) ) {
		return '';
	}
	$loopback = ( 'localhost' === $host || 1 === preg_match( '/^127(\.\d{1,3}){3}$/', $host ) );
	if ( 'https' !== $scheme && ! ( 'http' === $scheme && $loopback ) ) {
		return '';
	}
	$port = isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '';
	return $scheme . '://' . $host . $port;
}

/**
 * A partner id as the widget spells them, or ''.
 *
 * @param string $value A partner id.
 */
function bleeding_check_clean_partner( $value ) {
	$value = strtolower( trim( (string) $value ) );
	return preg_match( '/^[a-z0-9][a-z0-9-]{0,39}$/', $value ) ? $value : '';
}

/**
 * A language tag (es, pt-BR, zh_Hans), or '' for the partner's default.
 *
 * @param string $value A language tag.
 */
function bleeding_check_clean_lang( $value ) {
	$value = trim( (string) $value );
	return preg_match( '/^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8}){0,2}$/', $value ) ? $value : '';
}

/**
 * The HTML tags and attributes the embed uses (every output passes wp_kses with this).
 */
function bleeding_check_allowed_html() {
	return array(
		'div'    => array(
			'class' => true,
			'id'    => true,
		),
		'p'      => array(
			'class'                         => true,
			'data-bleeding-check-fallback' => true,
		),
		'a'      => array(
			'href'   => true,
			'target' => true,
			'rel'    => true,
		),
		'script' => array(
			'src'          => true,
			'async'        => true,
			'data-partner' => true,
			'data-lang'    => true,
			'data-target'  => true,
		),
	);
}

/**
 * The embed: a fallback line (visible until the widget has loaded) and the loader script.
 *
 * @param string $partner Partner id ('' = the default from the settings).
 * @param string $lang    Language ('' = the default from the settings, else the partner's).
 * @return string Escaped HTML ('' when the plugin is not set up).
 */
function bleeding_check_markup( $partner = '', $lang = '' ) {
	$host    = bleeding_check_host();
	$partner = bleeding_check_clean_partner( '' !== (string) $partner ? $partner : get_option( 'bleeding_check_partner', '' ) );
	$lang    = bleeding_check_clean_lang( '' !== (string) $lang ? $lang : get_option( 'bleeding_check_lang', '' ) );
	if ( '' === $host || '' === $partner ) {
		if ( current_user_can( 'edit_posts' ) ) {
			return '<p>' . esc_html__( 'Bleeding in Pregnancy Check: set the widget address and a partner id in Settings, Bleeding in Pregnancy Check. Only editors see this line.', 'bleeding-check' ) . '</p>';
		}
		return '';
	}
	$id    = wp_unique_id( 'bleeding-check-' );
	$query = array( 'partner' => $partner );
	if ( '' !== $lang ) {
		$query['lang'] = $lang;
	}
	$address  = add_query_arg( array_map( 'rawurlencode', $query ), $host . '/' );
	$link     = '<a href="' . esc_url( $address ) . '" target="_blank" rel="noopener">' . esc_html__( 'open it in a new tab', 'bleeding-check' ) . '</a>';
	$fallback = sprintf(
		/* translators: %s: a link, "open it in a new tab". */
		esc_html__( 'If the check does not appear, %s.', 'bleeding-check' ),
		$link
	) . ' ' . esc_html__( 'If you are bleeding heavily, have strong pain or feel faint, call your emergency number now.', 'bleeding-check' );
	$html = '<div class="bleeding-check" id="' . esc_attr( $id ) . '"><p data-bleeding-check-fallback>' . $fallback . '</p></div>'
		. '<script src="' . esc_url( $host . '/embed.js' ) . '" data-partner="' . esc_attr( $partner ) . '"'
		. ( '' !== $lang ? ' data-lang="' . esc_attr( $lang ) . '"' : '' )
		. ' data-target="#' . esc_attr( $id ) . '" async></script>';
	return wp_kses( $html, bleeding_check_allowed_html() );
}

/**
 * [bleeding_check partner="…" lang="…"]
 *
 * @param array|string $atts Shortcode attributes.
 */
function bleeding_check_shortcode( $atts ) {
	$atts = shortcode_atts(
		array(
			'partner' => '',
			'lang'    => '',
		),
		$atts,
		'bleeding_check'
	);
	return bleeding_check_markup( $atts['partner'], $atts['lang'] );
}

/**
 * The widget's URLs as a regular expression: its host, then "/?…".
 */
function bleeding_check_url_pattern() {
	$host = bleeding_check_host();
	return '' === $host ? '' : '#^' . preg_quote( $host, '#' ) . '/?\?.+#i';
}

/**
 * Trust the widget's host as an oEmbed provider: a pasted widget URL embeds the check.
 */
function bleeding_check_register_provider() {
	$pattern = bleeding_check_url_pattern();
	if ( '' !== $pattern ) {
		wp_oembed_add_provider( $pattern, bleeding_check_host() . '/oembed', true );
	}
}

/**
 * For the widget's own URLs, WordPress gets the oEmbed answer from the widget (so an
 * unknown partner stays a plain link) and shows the script embed in its place:
 * it sizes the frame to the check and lets the widget check the page's origin.
 *
 * @param string|false $html oEmbed HTML from the provider.
 * @param string       $url  The pasted URL.
 */
function bleeding_check_oembed_result( $html, $url ) {
	$pattern = bleeding_check_url_pattern();
	if ( false === $html || '' === $pattern || ! preg_match( $pattern, (string) $url ) ) {
		return $html;
	}
	$query = array();
	wp_parse_str( (string) wp_parse_url( $url, PHP_URL_QUERY ), $query );
	$partner = bleeding_check_clean_partner( isset( $query['partner'] ) ? $query['partner'] : '' );
	if ( '' === $partner ) {
		return $html;
	}
	$lang = bleeding_check_clean_lang( isset( $query['lang'] ) ? $query['lang'] : '' );
	return bleeding_check_markup( $partner, $lang );
}

/**
 * The block (block/block.json), rendered on the server with the shortcode's markup.
 */
function bleeding_check_register_block() {
	register_block_type( __DIR__ . '/block' );
}

/**
 * Translations of the plugin's own strings.
 */
function bleeding_check_load_textdomain() {
	load_plugin_textdomain( 'bleeding-check', false, dirname( plugin_basename( __FILE__ ) ) . '/languages' );
}

add_action( 'init', 'bleeding_check_load_textdomain' );
add_action( 'init', 'bleeding_check_register_provider' );
add_action( 'init', 'bleeding_check_register_block' );
add_shortcode( 'bleeding_check', 'bleeding_check_shortcode' );
add_filter( 'oembed_result', 'bleeding_check_oembed_result', 10, 2 );

require_once __DIR__ . '/includes/settings.php';
