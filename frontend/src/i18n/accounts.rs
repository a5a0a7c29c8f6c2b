//! Texts of the administration of accounts: the tabs of Quản trị, the list of accounts with
//! its search and filters, locking and unlocking an account, resetting a password, and the
//! login refused to a locked account.

/// Adds this part's texts to the list and hands it on to `words_texts!` (`personal_texts!`
/// hands its own on to it).
macro_rules! accounts_texts {
    ($($rest:tt)*) => {
        words_texts! {
            $($rest)*
            // The tabs of Quản trị
            AdminTabAccounts => "Tài khoản", "Accounts";
            AdminTabTokens => "Khóa API", "API tokens";
            AdminTabCatalogue => "Danh mục", "Catalogue";
            AdminTabReorg => "Tổ chức lại", "Reorganisation";
            // The unit tree's search
            SearchTree => "Tìm đơn vị theo tên", "Search units by name";
            SearchTreeHint => "Không cần gõ dấu: \"hoa loi\" tìm thấy \"Hòa Lợi\".", "Diacritics are optional: \"hoa loi\" finds \"Hòa Lợi\".";
            TreeMatches => "{0} đơn vị khớp", "{0} units match";
            NoTreeMatches => "Không có đơn vị nào khớp với từ tìm kiếm.", "No unit matches the search.";
            // The list of accounts
            AccountsTitle => "Danh sách tài khoản", "Accounts";
            AccountsHint => "Tìm theo tên đăng nhập, họ tên, thư điện tử hoặc tên đơn vị.", "Search by username, full name, e-mail or unit name.";
            SearchAccounts => "Tìm tài khoản", "Search accounts";
            SearchAction => "Tìm", "Search";
            AllRoles => "Mọi vai trò", "All roles";
            AccountStateFilter => "Trạng thái", "State";
            AllAccountStates => "Tất cả", "All";
            OnlyLocked => "Đang bị khóa", "Locked";
            OnlyUnlocked => "Đang hoạt động", "Active";
            NoAccounts => "Không có tài khoản nào khớp.", "No account matches.";
            AccountsCount => "{0} tài khoản", "{0} accounts";
            FullNameCol => "Họ tên", "Full name";
            LastLogin => "Đăng nhập gần nhất", "Last login";
            NeverLoggedIn => "Chưa đăng nhập", "Never";
            AccountActive => "Hoạt động", "Active";
            AccountLocked => "Đã khóa", "Locked";
            LockedSince => "Khóa từ {0}: {1}", "Locked since {0}: {1}";
            MustChangePasswordBadge => "Chờ đổi mật khẩu", "Must change password";
            ShowMore => "Xem thêm", "Show more";
            // Locking and unlocking an account (not the login throttle)
            LockAccount => "Khóa tài khoản", "Lock account";
            UnlockAccount => "Mở khóa tài khoản", "Unlock account";
            LockConfirmTitle => "Khóa tài khoản {0}?", "Lock the account {0}?";
            LockConfirmHint => "Người dùng sẽ không đăng nhập được và mọi phiên đang mở kết thúc ngay. Có thể mở khóa lại bất cứ lúc nào.", "The user will not be able to log in and every open session ends at once. It can be unlocked at any time.";
            LockReason => "Lý do khóa", "Reason";
            LockReasonRequired => "Cần ghi lý do khóa.", "A reason is required.";
            ConfirmLock => "Xác nhận khóa", "Lock";
            AccountLockedDone => "Đã khóa tài khoản {0}.", "The account {0} is locked.";
            AccountUnlockedDone => "Đã mở khóa tài khoản {0}.", "The account {0} is unlocked.";
            CannotLockSelf => "Không thể tự khóa tài khoản của mình", "You cannot lock your own account";
            // The login throttle's lock, named apart
            UnlockLogin => "Mở khóa đăng nhập", "Unlock login";
            UnlockLoginHint => "Gỡ khóa tạm thời do đăng nhập sai nhiều lần (khác với khóa tài khoản).", "Lifts the temporary lock after repeated failed logins (not an account lock).";
            LoginUnlocked => "Đã mở khóa đăng nhập cho {0}.", "Login unlocked for {0}.";
            NothingToUnlock => "{0} không bị khóa đăng nhập.", "{0} had no login lock.";
            // Resetting a password
            ResetPassword => "Đặt lại mật khẩu", "Reset password";
            ResetConfirmTitle => "Đặt lại mật khẩu của {0}?", "Reset the password of {0}?";
            ResetConfirmHint => "Mật khẩu cũ hết hiệu lực, mọi phiên đang mở kết thúc. Mật khẩu tạm chỉ hiện một lần: hãy chuyển cho người dùng, họ sẽ được yêu cầu đổi mật khẩu.", "The old password stops working and every open session ends. The temporary password is shown once: hand it to the user, who will be asked to change it.";
            ConfirmReset => "Đặt lại", "Reset";
            TemporaryPassword => "Mật khẩu tạm của {0} (chỉ hiện một lần):", "Temporary password of {0} (shown once):";
            // The user's side
            AccountIsLocked => "Tài khoản này đang bị khóa nên không đăng nhập được. Hãy liên hệ quản trị viên để được mở khóa.", "This account is locked and cannot log in. Ask an administrator to unlock it.";
            MustChangePassword => "Mật khẩu của bạn do quản trị viên đặt lại. Hãy đổi mật khẩu mới.", "Your password was reset by an administrator. Please choose a new one.";
            ChangeNow => "Đổi mật khẩu", "Change password";
        }
    };
}
