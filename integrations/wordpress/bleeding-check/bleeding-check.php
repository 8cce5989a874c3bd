<?php
/**
 * Plugin Name:       Bleeding in Pregnancy Check
 * Description:       Embeds the Bleeding in Pregnancy Check: paste its address on its own line, use the [bleeding_check] shortcode or the block.
 * Version:           1.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       bleeding-check
 *
 * @package BleedingCheck
 */

defined( 'ABSPATH' ) || exit;

define( 'BLEEDING_CHECK_VERSION', '1.1.0' );
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
 * @param mixed $value What an administrator typed.
 * @return string The origin, or '' when it is not one (or not a string).
 */
function bleeding_check_clean_host( $value ) {
	if ( ! is_string( $value ) ) {
		return '';
	}
	$value = trim( $value );
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
 * A partner id as the widget spells them, or '' (for anything else, an array too).
 *
 * @param mixed $value A partner id.
 */
function bleeding_check_clean_partner( $value ) {
	if ( ! is_string( $value ) ) {
		return '';
	}
	$value = strtolower( trim( $value ) );
	return preg_match( '/^[a-z0-9][a-z0-9-]{0,39}$/', $value ) ? $value : '';
}

/**
 * A language tag (es, pt-BR, zh_Hans), or '' for the partner's default (for anything else too).
 *
 * @param mixed $value A language tag.
 */
function bleeding_check_clean_lang( $value ) {
	if ( ! is_string( $value ) ) {
		return '';
	}
	$value = trim( $value );
	return preg_match( '/^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8}){0,2}$/', $value ) ? $value : '';
}

/**
 * A region code as the widget spells them (GB, AU), or '' for the partner's region
 * (for anything else too). The widget checks the code: one it does not know shows
 * the common emergency numbers.
 *
 * @param mixed $value A region code.
 */
function bleeding_check_clean_region( $value ) {
	if ( ! is_string( $value ) ) {
		return '';
	}
	$value = strtoupper( trim( $value ) );
	return preg_match( '/^[A-Z]{2}$/', $value ) ? $value : '';
}

/**
 * Whether the Exit shortcut on the partner's page is asked for: the shortcode's
 * exit_shortcut="on" (as WordPress's own [audio loop="on"]) or the block's true.
 *
 * @param mixed $value The shortcode attribute or the block attribute.
 */
function bleeding_check_clean_switch( $value ) {
	return true === $value || ( is_string( $value ) && 'on' === strtolower( trim( $value ) ) );
}

/**
 * An id for one embed's container, unique in this page view: WordPress's counter
 * (wp_unique_id) after a random part drawn once per request, so that parts of pages
 * rendered apart and put together by a cache cannot share one either.
 */
function bleeding_check_container_id() {
	static $page_view = '';
	if ( '' === $page_view ) {
		$page_view = strtolower( wp_generate_password( 8, false ) );
	}
	return wp_unique_id( 'bleeding-check-' . $page_view . '-' );
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
			'src'                => true,
			'async'              => true,
			'data-partner'       => true,
			'data-lang'          => true,
			'data-region'        => true,
			'data-target'        => true,
			'data-exit-shortcut' => true,
		),
	);
}

/**
 * The embed: a fallback line (visible until the widget has loaded) and the loader script.
 * Built for each page view (never kept in a cache): its container's id is this view's.
 * The same markup as the widget's own code for partners (GET /embed-code, written by
 * widget/web/snippets.py script_tag); tests/browser/test_wordpress.py compares them.
 *
 * @param mixed $partner       Partner id ('' = the default from the settings; not a string = none).
 * @param mixed $lang          Language ('' = the default from the settings, else the partner's).
 * @param mixed $region        Region code ('' = the partner's).
 * @param mixed $exit_shortcut The Exit shortcut on this page (bleeding_check_clean_switch).
 * @return string Escaped HTML ('' when the plugin is not set up).
 */
function bleeding_check_markup( $partner = '', $lang = '', $region = '', $exit_shortcut = false ) {
	$host    = bleeding_check_host();
	$partner = bleeding_check_clean_partner( '' === $partner ? get_option( 'bleeding_check_partner', '' ) : $partner );
	$lang    = bleeding_check_clean_lang( '' === $lang ? get_option( 'bleeding_check_lang', '' ) : $lang );
	$region  = bleeding_check_clean_region( $region );
	if ( '' === $host || '' === $partner ) {
		if ( current_user_can( 'edit_posts' ) ) {
			return '<p>' . esc_html__( 'Bleeding in Pregnancy Check: set the widget address and a partner id in Settings, Bleeding in Pregnancy Check. Only editors see this line.', 'bleeding-check' ) . '</p>';
		}
		return '';
	}
	$id    = bleeding_check_container_id();
	$query = array( 'partner' => $partner );
	if ( '' !== $lang ) {
		$query['lang'] = $lang;
	}
	if ( '' !== $region ) {
		$query['region'] = $region;
	}
	$address  = add_query_arg( array_map( 'rawurlencode', $query ), $host . '/' );
	$link     = '<a href="' . esc_url( $address ) . '" target="_blank" rel="noopener">' . esc_html__( 'open it in a new tab', 'bleeding-check' ) . '</a>';
	$fallback = sprintf(
		/* translators: %s: a link, "open it in a new tab". */
		esc_html__( 'If the check does not appear, %s.', 'bleeding-check' ),
		$link
	) . ' ' . esc_html__( 'If you are bleeding heavily, have severe pain, have fainted or feel faint, call your emergency number now.', 'bleeding-check' );
	$html = '<div class="bleeding-check" id="' . esc_attr( $id ) . '"><p data-bleeding-check-fallback>' . $fallback . '</p></div>'
		. '<script src="' . esc_url( $host . '/embed.js' ) . '" data-partner="' . esc_attr( $partner ) . '"'
		. ( '' !== $lang ? ' data-lang="' . esc_attr( $lang ) . '"' : '' )
		. ( '' !== $region ? ' data-region="' . esc_attr( $region ) . '"' : '' )
		. ' data-target="#' . esc_attr( $id ) . '"'
		. ( bleeding_check_clean_switch( $exit_shortcut ) ? ' data-exit-shortcut' : '' )
		. ' async></script>';
	return wp_kses( $html, bleeding_check_allowed_html() );
}

/**
 * [bleeding_check partner="…" lang="…" region="…" exit_shortcut="on"]
 *
 * @param array|string $atts Shortcode attributes.
 */
function bleeding_check_shortcode( $atts ) {
	$atts = shortcode_atts(
		array(
			'partner'       => '',
			'lang'          => '',
			'region'        => '',
			'exit_shortcut' => '',
		),
		$atts,
		'bleeding_check'
	);
	return bleeding_check_markup( $atts['partner'], $atts['lang'], $atts['region'], $atts['exit_shortcut'] );
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
 * The partner and language of one of the widget's URLs, or null when the plugin
 * refuses it: a parameter that is not a plain string (`?partner[]=x`, `lang[a]=b`, any
 * other), or no partner id. Never a cast: an array is neither "Array" nor a warning.
 *
 * @param string $url One of the widget's URLs (bleeding_check_url_pattern()).
 * @return array|null array( 'partner' => …, 'lang' => … ), or null.
 */
function bleeding_check_url_fields( $url ) {
	$query = array();
	wp_parse_str( (string) wp_parse_url( $url, PHP_URL_QUERY ), $query );
	foreach ( $query as $value ) {
		if ( ! is_string( $value ) ) {
			return null;
		}
	}
	$partner = bleeding_check_clean_partner( isset( $query['partner'] ) ? $query['partner'] : '' );
	if ( '' === $partner ) {
		return null;
	}
	return array(
		'partner' => $partner,
		'lang'    => bleeding_check_clean_lang( isset( $query['lang'] ) ? $query['lang'] : '' ),
	);
}

/**
 * Whether a pasted URL is one of the widget's own.
 *
 * @param mixed $url The pasted URL.
 */
function bleeding_check_is_widget_url( $url ) {
	$pattern = bleeding_check_url_pattern();
	return '' !== $pattern && is_string( $url ) && 1 === preg_match( $pattern, $url );
}

/**
 * For the widget's own URLs, WordPress gets the oEmbed answer from the widget (so an
 * unknown partner stays a plain link) and shows the script embed in its place:
 * it sizes the frame to the check and lets the widget check the page's origin.
 * A URL the plugin refuses (bleeding_check_url_fields) is not embedded either:
 * WordPress shows it as any address it cannot embed (the bare address, or a link).
 *
 * WordPress keeps this answer in its oEmbed cache (post meta) and shows the cached
 * copy later without asking again; bleeding_check_embed_html builds it anew each time.
 *
 * @param string|false $html oEmbed HTML from the provider.
 * @param string       $url  The pasted URL.
 */
function bleeding_check_oembed_result( $html, $url ) {
	if ( false === $html || ! bleeding_check_is_widget_url( $url ) ) {
		return $html;
	}
	$fields = bleeding_check_url_fields( $url );
	return null === $fields ? false : bleeding_check_markup( $fields['partner'], $fields['lang'] );
}

/**
 * Each time a widget URL is shown, from WordPress's oEmbed cache or just fetched: the
 * embed is built again from the URL, so its container's id belongs to this page view.
 * (The cached copy has the id of the view that filled the cache: the same URL twice in
 * a post, or a URL and [bleeding_check], would share it, and both frames would go into
 * the first container.) What is cached says only that the widget accepted the URL.
 *
 * @param string $html The cached or fetched oEmbed HTML.
 * @param string $url  The pasted URL.
 */
function bleeding_check_embed_html( $html, $url ) {
	if ( ! bleeding_check_is_widget_url( $url ) ) {
		return $html;
	}
	$fields = bleeding_check_url_fields( $url );
	if ( null === $fields ) {
		// As WordPress shows an address it cannot embed (a link, or the bare address).
		global $wp_embed;
		return $wp_embed->maybe_make_link( $url );
	}
	return bleeding_check_markup( $fields['partner'], $fields['lang'] );
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
add_filter( 'embed_oembed_html', 'bleeding_check_embed_html', 10, 2 );

require_once __DIR__ . '/includes/settings.php';
