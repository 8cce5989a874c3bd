<?php
/**
 * Drives the test WordPress from the command line (WP-CLI is not in Debian):
 *   php wp-tool.php ROOT install TITLE ADMIN PASSWORD
 *   php wp-tool.php ROOT options HOST PARTNER LANG
 *   php wp-tool.php ROOT post TITLE CONTENT        (prints the post's URL)
 *   php wp-tool.php ROOT activate | deactivate
 *   php wp-tool.php ROOT forget-embeds             (drops cached oEmbed answers)
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
