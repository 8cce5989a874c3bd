<?php
/**
 * Drives the test WordPress from the command line (WP-CLI is not in Debian):
 *   php wp-tool.php ROOT install TITLE ADMIN PASSWORD
 *   php wp-tool.php ROOT options HOST PARTNER LANG
 *   php wp-tool.php ROOT post TITLE CONTENT        (prints the post's URL)
 *   php wp-tool.php ROOT activate | deactivate
 *   php wp-tool.php ROOT forget-embeds             (drops cached oEmbed answers)
 *   php wp-tool.php ROOT cached-embeds             (prints how many oEmbed answers are cached)
 *   php wp-tool.php ROOT call FUNCTION JSON_ARGS   (calls a plugin function, prints its result
 *                                                   as JSON; a notice or warning raised in the
 *                                                   plugin's files fails the command)
 *   php wp-tool.php ROOT uninstall                 (runs the plugin's uninstall.php)
 *   php wp-tool.php ROOT options-left              (prints the plugin's options still stored)
 */

$root    = rtrim( $argv[1], '/' ) . '/';
$command = $argv[2];
define( 'ABSPATH', $root );
if ( 'install' === $command ) {
	define( 'WP_INSTALLING', true );
}
$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require ABSPATH . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$plugin = 'bleeding-check/bleeding-check.php';
switch ( $command ) {
	case 'install':
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$result = wp_install( $argv[3], $argv[4], 'admin@example.invalid', false, '', $argv[5] );
		update_option( 'permalink_structure', '' );
		echo 'installed as user ' . $result['user_id'] . "\n";
		break;
	case 'options':
		update_option( 'bleeding_check_host', $argv[3] );
		update_option( 'bleeding_check_partner', $argv[4] );
		update_option( 'bleeding_check_lang', $argv[5] );
		break;
	case 'post':
		$id = wp_insert_post(
			array(
				'post_title'   => $argv[3],
				'post_content' => $argv[4],
				'post_status'  => 'publish',
				'post_author'  => 1,
			),
			true
		);
		if ( is_wp_error( $id ) ) {
			fwrite( STDERR, $id->get_error_message() . "\n" );
			exit( 1 );
		}
		echo get_permalink( $id ) . "\n";
		break;
	case 'activate':
		$error = activate_plugin( $plugin );
		if ( is_wp_error( $error ) ) {
			fwrite( STDERR, $error->get_error_message() . "\n" );
			exit( 1 );
		}
		break;
	case 'deactivate':
		deactivate_plugins( $plugin );
		break;
	case 'forget-embeds':
		global $wpdb;
		$wpdb->query( "DELETE FROM {$wpdb->postmeta} WHERE meta_key LIKE '\_oembed\_%'" );
		break;
	case 'cached-embeds':
		global $wpdb;
		echo (int) $wpdb->get_var(
			"SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE meta_key LIKE '\_oembed\_%' AND meta_key NOT LIKE '\_oembed\_time\_%'"
		) . "\n";
		break;
	case 'call':
		if ( 0 !== strpos( $argv[3], 'bleeding_check_' ) || ! function_exists( $argv[3] ) ) {
			fwrite( STDERR, "not a plugin function: {$argv[3]}\n" );
			exit( 2 );
		}
		set_error_handler(
			function ( $level, $message, $file, $line ) {
				if ( false !== strpos( $file, '/plugins/bleeding-check/' ) ) {
					fwrite( STDERR, "$message in $file on line $line\n" );
					exit( 3 );
				}
				return false;
			}
		);
		echo wp_json_encode( call_user_func_array( $argv[3], json_decode( $argv[4], true ) ) ) . "\n";
		break;
	case 'uninstall':
		deactivate_plugins( $plugin );
		uninstall_plugin( $plugin );
		break;
	case 'get-option':
		echo (string) get_option( $argv[3], '' );
		break;
	case 'options-left':
		foreach ( array( 'bleeding_check_host', 'bleeding_check_partner', 'bleeding_check_lang' ) as $name ) {
			if ( false !== get_option( $name ) ) {
				echo $name . "\n";
			}
		}
		break;
	default:
		fwrite( STDERR, "unknown command $command\n" );
		exit( 2 );
}
